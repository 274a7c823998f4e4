package io.p3protocol.command.anchoring.contract;

import io.reactivex.Flowable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * <p>Auto generated code.
 * <p><strong>Do not modify!</strong>
 * <p>Please use the <a href="https://docs.web3j.io/command_line.html">web3j command line tools</a>,
 * or the org.web3j.codegen.SolidityFunctionWrapperGenerator in the 
 * <a href="https://github.com/hyperledger-web3j/web3j/tree/main/codegen">codegen module</a> to update.
 *
 * <p>Generated with web3j version 4.13.0.
 */
@SuppressWarnings("rawtypes")
public class AnchorRegistry extends Contract {
    public static final String BINARY = "6080604052348015600f57600080fd5b5061023f8061001f6000396000f3fe608060405234801561001057600080fd5b50600436106100365760003560e01c8063788c45311461003b5780639591a61014610050575b600080fd5b61004e610049366004610136565b610082565b005b61007061005e3660046101cf565b60009081526020819052604090205490565b60405190815260200160405180910390f35b836100a05760405163b263ae7360e01b815260040160405180910390fd5b60008481526020819052604090205480156100dc5760405163197052c760e31b8152600481018690526024810182905260440160405180910390fd5b6000858152602081905260409081902043905551339086907fb8b1be199ce88993c7aede4836baf21a1ae5e2008ae2b8bcbe05bf0282e3cf31906101279088908890889042906101e8565b60405180910390a35050505050565b6000806000806060858703121561014c57600080fd5b84359350602085013567ffffffffffffffff8116811461016b57600080fd5b9250604085013567ffffffffffffffff81111561018757600080fd5b8501601f8101871361019857600080fd5b803567ffffffffffffffff8111156101af57600080fd5b8760208284010111156101c157600080fd5b949793965060200194505050565b6000602082840312156101e157600080fd5b5035919050565b67ffffffffffffffff85168152606060208201528260608201528284608083013760006080848301015260006080601f19601f86011683010190508260408301529594505050505056fea164736f6c634300081e000a";

    private static String librariesLinkedBinary;

    public static final String FUNC_ANCHOR = "anchor";

    public static final String FUNC_ANCHOREDAT = "anchoredAt";

    public static final Event ANCHORED_EVENT = new Event("Anchored", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Uint64>() {}, new TypeReference<Utf8String>() {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
    ;

    @Deprecated
    protected AnchorRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected AnchorRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected AnchorRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected AnchorRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<AnchoredEventResponse> getAnchoredEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(ANCHORED_EVENT, transactionReceipt);
        ArrayList<AnchoredEventResponse> responses = new ArrayList<AnchoredEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            AnchoredEventResponse typedResponse = new AnchoredEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.root = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.sender = (String) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.count = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.meta = (String) eventValues.getNonIndexedValues().get(1).getValue();
            typedResponse.timestamp = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static AnchoredEventResponse getAnchoredEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(ANCHORED_EVENT, log);
        AnchoredEventResponse typedResponse = new AnchoredEventResponse();
        typedResponse.log = log;
        typedResponse.root = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.sender = (String) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.count = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.meta = (String) eventValues.getNonIndexedValues().get(1).getValue();
        typedResponse.timestamp = (BigInteger) eventValues.getNonIndexedValues().get(2).getValue();
        return typedResponse;
    }

    public Flowable<AnchoredEventResponse> anchoredEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getAnchoredEventFromLog(log));
    }

    public Flowable<AnchoredEventResponse> anchoredEventFlowable(DefaultBlockParameter startBlock,
            DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(ANCHORED_EVENT));
        return anchoredEventFlowable(filter);
    }

    public RemoteFunctionCall<TransactionReceipt> anchor(byte[] root, BigInteger count,
            String meta) {
        final Function function = new Function(
                FUNC_ANCHOR, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(root), 
                new org.web3j.abi.datatypes.generated.Uint64(count), 
                new org.web3j.abi.datatypes.Utf8String(meta)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<BigInteger> anchoredAt(byte[] root) {
        final Function function = new Function(FUNC_ANCHOREDAT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(root)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint256>() {}));
        return executeRemoteCallSingleValueReturn(function, BigInteger.class);
    }

    @Deprecated
    public static AnchorRegistry load(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return new AnchorRegistry(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static AnchorRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new AnchorRegistry(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static AnchorRegistry load(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return new AnchorRegistry(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static AnchorRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new AnchorRegistry(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<AnchorRegistry> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return deployRemoteCall(AnchorRegistry.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<AnchorRegistry> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(AnchorRegistry.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static RemoteCall<AnchorRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return deployRemoteCall(AnchorRegistry.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<AnchorRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(AnchorRegistry.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static void linkLibraries(List<Contract.LinkReference> references) {
        librariesLinkedBinary = linkBinaryWithReferences(BINARY, references);
    }

    private static String getDeploymentBinary() {
        if (librariesLinkedBinary != null) {
            return librariesLinkedBinary;
        } else {
            return BINARY;
        }
    }

    public static class AnchoredEventResponse extends BaseEventResponse {
        public byte[] root;

        public String sender;

        public BigInteger count;

        public String meta;

        public BigInteger timestamp;
    }
}
